import { useMutation, useQuery } from '@apollo/client/react';
import { idempotencyKey } from '../../app/format';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { describeError, splitUserErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import { Button, SelectField, TextField } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/states';
import { m } from './messages';
import { CrmDealCreateMutation, CrmPipelinesQuery, CrmSearchContactsQuery } from './operations';

const FORM_FIELDS = ['contactId', 'title', 'value', 'currencyCode', 'pipelineId', 'stageId', 'expectedCloseDate', 'probability'];

/** Finds a contact by name, e-mail or company (the `contacts` search) and picks one. */
function ContactPicker({ error, onChange }: { error?: string | null; onChange(id: string): void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const { data, loading, error: loadError } = useQuery(CrmSearchContactsQuery, { variables: { search, first: 10 }, skip: search.length < 1 });
  const contacts = useMemo(() => data?.contacts?.nodes ?? [], [data]);
  useEffect(() => {
    const first = contacts[0]?.id ?? '';
    if (!contacts.some((contact) => contact.id === chosen)) {
      setChosen(first);
      onChange(first);
    }
  }, [contacts, chosen, onChange]);
  return (
    <div className="crm-picker">
      <TextField
        label={t(m.findContact)}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={t(m.searchPlaceholder)}
        autoFocus
      />
      <SelectField
        label={t(m.contact)}
        name="contactId"
        value={chosen}
        onChange={(event) => {
          setChosen(event.target.value);
          onChange(event.target.value);
        }}
        error={error ?? (loadError ? describeError(loadError) : null)}
        hint={loading ? t(m.searching) : search && !contacts.length ? t(m.noContactMatches) : undefined}
        required
      >
        {contacts.length ? null : <option value="">—</option>}
        {contacts.map((contact) => (
          <option key={contact.id} value={contact.id}>
            {contact.name}
            {contact.company && contact.company !== contact.name ? ` (${contact.company})` : ''}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** Creates a deal: for a given contact (its profile) or one picked here; in a chosen pipeline and stage. */
export function NewDealDialog({
  open,
  onOpenChange,
  contact,
  pipelineId: initialPipelineId,
  onCreated,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  contact?: { id: string; name: string };
  pipelineId?: string;
  onCreated?(id: string): void;
}) {
  const t = useT();
  const { data: pipelines } = useQuery(CrmPipelinesQuery, { skip: !open });
  const [create, { loading }] = useMutation(CrmDealCreateMutation, { refetchQueries: ['CrmPipelineBoard', 'CrmContact', 'CrmDealForecast'] });
  const [contactId, setContactId] = useState(contact?.id ?? '');
  const [pipelineId, setPipelineId] = useState(initialPipelineId ?? '');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(idempotencyKey);
  const allPipelines = pipelines?.pipelines?.nodes ?? [];
  const pipeline = allPipelines.find((candidate) => candidate.id === pipelineId) ?? allPipelines[0];

  useEffect(() => {
    if (initialPipelineId) setPipelineId(initialPipelineId);
  }, [initialPipelineId]);

  const close = (next: boolean) => {
    if (!next) {
      setFieldErrors({});
      setError(null);
      setKey(idempotencyKey());
    }
    onOpenChange(next);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setError(null);
    setFieldErrors({});
    if (!contactId) return setFieldErrors({ contactId: t(m.chooseDealContact) });
    const probability = text('probability');
    try {
      const { data } = await create({
        variables: {
          input: {
            contactId,
            title: text('title') ?? '',
            value: text('value'),
            currencyCode: text('currencyCode')?.toUpperCase(),
            pipelineId: pipeline?.id,
            stageId: text('stageId'),
            expectedCloseDate: text('expectedCloseDate'),
            probability: probability === undefined ? undefined : Number(probability),
            idempotencyKey: key,
          },
        },
      });
      const payload = data?.dealCreate;
      if (payload?.userErrors.length) {
        const split = splitUserErrors(payload.userErrors, FORM_FIELDS);
        setFieldErrors(split.byField);
        setError(split.general);
        setKey(idempotencyKey());
        return;
      }
      if (payload?.deal) {
        close(false);
        onCreated?.(payload.deal.id);
      }
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <Dialog open={open} onOpenChange={close} title={contact ? t(m.newDealWith, { name: contact.name }) : t(m.newDeal)}>
      <form className="form" onSubmit={submit} noValidate>
        {contact ? null : <ContactPicker error={fieldErrors.contactId} onChange={setContactId} />}
        <TextField label={t(m.title)} name="title" required error={fieldErrors.title} autoFocus={Boolean(contact)} />
        <div className="crm-form-grid">
          <TextField label={t(m.value)} name="value" inputMode="decimal" pattern="-?[0-9]+(\.[0-9]+)?" placeholder="0.00" error={fieldErrors.value} />
          <TextField
            label={t(m.currency)}
            name="currencyCode"
            defaultValue="USD"
            maxLength={3}
            pattern="[A-Za-z]{3}"
            error={fieldErrors.currencyCode}
            hint={t(m.currencyHint)}
          />
        </div>
        <div className="crm-form-grid">
          <SelectField label={t(m.pipeline)} value={pipeline?.id ?? ''} onChange={(event) => setPipelineId(event.target.value)} error={fieldErrors.pipelineId}>
            {allPipelines.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </SelectField>
          <SelectField key={pipeline?.id} label={t(m.stage)} name="stageId" defaultValue="" error={fieldErrors.stageId}>
            <option value="">{t(m.firstStage)}</option>
            {pipeline?.stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="crm-form-grid">
          <TextField label={t(m.expectedClose)} name="expectedCloseDate" type="date" error={fieldErrors.expectedCloseDate} />
          <TextField
            label={t(m.probabilityPercent)}
            name="probability"
            type="number"
            min={0}
            max={100}
            hint={t(m.blankIsStagesPlain)}
            error={fieldErrors.probability}
          />
        </div>
        <Notice>{error}</Notice>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.createDeal)}
          </Button>
          <Button onClick={() => close(false)}>{t(m.cancel)}</Button>
        </div>
      </form>
    </Dialog>
  );
}
