import type { ReactNode } from 'react';
import { useT } from '../../../app/i18n';
import { m } from './messages';
import { isAllowedHref, type RichTextNode } from './schema';

/**
 * A note body, read-only: the JSON document drawn as React elements. Only the allowed node and
 * mark types are drawn (anything else shows its text, or nothing), links only to web and e-mail
 * addresses, so a body can never carry markup or script into the page. No editor is loaded.
 */
export function RichText({ doc, className = 'rte-content rte-readonly' }: { doc: RichTextNode; className?: string }) {
  const t = useT();
  return <div className={className}>{children(doc, t)}</div>;
}

type Translate = ReturnType<typeof useT>;

function children(node: RichTextNode, t: Translate): ReactNode[] {
  return (node.content ?? []).map((child, index) => renderNode(child, index, t));
}

function renderNode(node: RichTextNode, key: number, t: Translate): ReactNode {
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{children(node, t)}</p>;
    case 'heading': {
      const level = node.attrs?.level;
      if (level === 1) return <h1 key={key}>{children(node, t)}</h1>;
      if (level === 2) return <h2 key={key}>{children(node, t)}</h2>;
      return <h3 key={key}>{children(node, t)}</h3>;
    }
    case 'bulletList':
      return <ul key={key}>{children(node, t)}</ul>;
    case 'orderedList': {
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
      return (
        <ol key={key} start={start}>
          {children(node, t)}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{children(node, t)}</li>;
    case 'taskList':
      return (
        <ul key={key} data-type="taskList">
          {children(node, t)}
        </ul>
      );
    case 'taskItem': {
      const checked = node.attrs?.checked === true;
      return (
        <li key={key} data-type="taskItem" data-checked={checked}>
          <label>
            <input type="checkbox" checked={checked} disabled aria-label={t(checked ? m.done : m.notDone)} />
          </label>
          <div>{children(node, t)}</div>
        </li>
      );
    }
    case 'blockquote':
      return <blockquote key={key}>{children(node, t)}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children(node, t)}</code>
        </pre>
      );
    case 'horizontalRule':
      return <hr key={key} />;
    case 'hardBreak':
      return <br key={key} />;
    case 'mention': {
      const label = String(node.attrs?.label ?? node.attrs?.id ?? '');
      return (
        <span key={key} className="mention" data-id={String(node.attrs?.id ?? '')}>
          @{label}
        </span>
      );
    }
    case 'text':
      return <span key={key}>{marked(node.text ?? '', node.marks ?? [])}</span>;
    default:
      // An unknown type (a newer server, say): its content, never its markup.
      return <span key={key}>{children(node, t)}</span>;
  }
}

function marked(text: string, marks: NonNullable<RichTextNode['marks']>): ReactNode {
  return marks.reduceRight<ReactNode>((inner, mark) => {
    switch (mark.type) {
      case 'bold':
        return <strong>{inner}</strong>;
      case 'italic':
        return <em>{inner}</em>;
      case 'strike':
        return <s>{inner}</s>;
      case 'underline':
        return <u>{inner}</u>;
      case 'code':
        return <code>{inner}</code>;
      case 'link': {
        const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : '';
        return isAllowedHref(href) ? (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            {inner}
          </a>
        ) : (
          inner
        );
      }
      default:
        return inner;
    }
  }, text);
}
