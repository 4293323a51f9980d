import { useParams } from 'react-router';
import { KanbanBoard } from './KanbanBoard';
import './tasks.css';

export function BoardPage() {
  const { boardId = '' } = useParams();
  // A new board is a new board: no drag state carries over.
  return <KanbanBoard key={boardId} boardId={boardId} />;
}
