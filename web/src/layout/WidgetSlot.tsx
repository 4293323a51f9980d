import { useModules } from '../app/context';
import type { WidgetSlot as Slot } from '../app/registry';
import { labelText, useTranslator } from '../app/i18n';

/** The widgets other modules put on this page, for this object; nothing when none is served. */
export function WidgetSlot({ slot, objectId }: { slot: Slot; objectId: string }) {
  const reader = useTranslator();
  const widgets = useModules()
    .flatMap((module) => module.widgets ?? [])
    .filter((widget) => widget.slot === slot)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  if (!objectId || widgets.length === 0) return null;
  return (
    <div className="widgets">
      {widgets.map(({ title, component: Widget }, index) => (
        <section key={index} className="panel" aria-label={labelText(title, reader)}>
          <h2 className="panel-title">{labelText(title, reader)}</h2>
          <Widget objectId={objectId} />
        </section>
      ))}
    </div>
  );
}
