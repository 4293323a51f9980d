import { useModules } from '../app/context';
import type { WidgetSlot as Slot } from '../app/registry';

/** The widgets other modules put on this page, for this object; nothing when none is served. */
export function WidgetSlot({ slot, objectId }: { slot: Slot; objectId: string }) {
  const widgets = useModules()
    .flatMap((module) => module.widgets ?? [])
    .filter((widget) => widget.slot === slot)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  if (!objectId || widgets.length === 0) return null;
  return (
    <div className="widgets">
      {widgets.map(({ title, component: Widget }) => (
        <section key={title} className="panel" aria-label={title}>
          <h2 className="panel-title">{title}</h2>
          <Widget objectId={objectId} />
        </section>
      ))}
    </div>
  );
}
