import * as RadixDialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { useT } from '../app/i18n';
import { m } from './messages';

interface DialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: string;
  children: ReactNode;
}

/** A modal dialog (focus trapped, Escape closes, focus returns to what opened it). */
export function Dialog(props: DialogProps) {
  return <ModalFrame {...props} overlayClassName="overlay" contentClassName="dialog" />;
}

/** A panel sliding in from the right, for a quick view of any object without leaving the page. */
export function SlideOver(props: DialogProps) {
  return <ModalFrame {...props} overlayClassName="overlay overlay-light" contentClassName="slide-over" />;
}

function ModalFrame({
  open,
  onOpenChange,
  title,
  description,
  children,
  overlayClassName,
  contentClassName,
}: DialogProps & { overlayClassName: string; contentClassName: string }) {
  const t = useT();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClassName} />
        {/* Without a description, Radix is told so (aria-describedby undefined) rather than warning. */}
        <RadixDialog.Content className={contentClassName} {...(description ? {} : { 'aria-describedby': undefined })}>
          <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
          {description ? <RadixDialog.Description className="dialog-description">{description}</RadixDialog.Description> : null}
          {children}
          <RadixDialog.Close className="dialog-close" aria-label={t(m.close)}>
            ×
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
