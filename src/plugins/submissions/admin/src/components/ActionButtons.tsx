import { useState } from 'react';
import { Box, Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { TRANSITIONS, type Action } from '../../../shared/workflow';
import { errorMessage, useSubmissionsApi } from '../api';
import type { SubmissionView } from '../contracts';

/**
 * One button per action the server allows now (allowedActions), labelled from the transition table.
 * Each opens a dialog asking for what the table says the action needs: a message or reason, section comments.
 */
export function ActionButtons({
  submission,
  onDone,
}: {
  submission: SubmissionView;
  onDone: (view: SubmissionView | null, error?: string) => void;
}) {
  const [open, setOpen] = useState<Action | null>(null);
  return (
    <Flex gap={2}>
      {submission.allowedActions.map((action) => (
        <Button
          key={action}
          variant={
            action === 'reject' || action === 'archive'
              ? 'danger-light'
              : action === 'request_changes'
                ? 'secondary'
                : 'default'
          }
          onClick={() => setOpen(action)}
        >
          {TRANSITIONS[action].label}
        </Button>
      ))}
      {open && (
        <ActionDialog
          action={open}
          submission={submission}
          onClose={() => setOpen(null)}
          onDone={(view, error) => {
            setOpen(null);
            onDone(view, error);
          }}
        />
      )}
    </Flex>
  );
}

function ActionDialog({
  action,
  submission,
  onClose,
  onDone,
}: {
  action: Action;
  submission: SubmissionView;
  onClose: () => void;
  onDone: (view: SubmissionView | null, error?: string) => void;
}) {
  const api = useSubmissionsApi();
  const transition: { label: string; message?: 'message' | 'reason'; sectionComments?: boolean } =
    TRANSITIONS[action];
  const [message, setMessage] = useState('');
  const [comments, setComments] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (transition.message && !message.trim()) {
      setProblem(`Give a ${transition.message}`);
      return;
    }
    setBusy(true);
    const sectionComments = Object.fromEntries(
      Object.entries(comments).filter(([, comment]) => comment.trim() !== '')
    );
    try {
      const view = await api.act(submission.id, action, {
        version: submission.version,
        ...(transition.message ? { message: message.trim() } : {}),
        ...(transition.sectionComments && Object.keys(sectionComments).length ? { sectionComments } : {}),
      });
      onDone(view);
    } catch (error) {
      const status = (error as { response?: { status?: number } }).response?.status;
      // A conflict means someone else moved it on: close and show the submission as it is now.
      if (status === 409) onDone(null, errorMessage(error));
      else {
        setProblem(errorMessage(error));
        setBusy(false);
      }
    }
  };

  return (
    <Modal.Root open onOpenChange={(isOpen) => !isOpen && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {transition.label}: {submission.title}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {transition.message && (
              <Field.Root name="message" required error={problem ?? undefined}>
                <Field.Label>
                  {transition.message === 'reason' ? 'Reason' : 'Message to the council'}
                </Field.Label>
                <Textarea value={message} onChange={(e) => setMessage(e.target.value)} />
                <Field.Error />
              </Field.Root>
            )}
            {transition.sectionComments &&
              submission.template.sections.map((section) => (
                <Field.Root key={section.key} name={`comment-${section.key}`} hint="Optional">
                  <Field.Label>Comment on “{section.title}”</Field.Label>
                  <Textarea
                    value={comments[section.key] ?? ''}
                    onChange={(e) => setComments({ ...comments, [section.key]: e.target.value })}
                  />
                  <Field.Hint />
                </Field.Root>
              ))}
            {!transition.message && !transition.sectionComments && (
              <Typography>
                {transition.label} “{submission.title}”?
              </Typography>
            )}
            {problem && !transition.message && (
              <Box>
                <Typography textColor="danger600">{problem}</Typography>
              </Box>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Cancel</Button>
          </Modal.Close>
          <Button onClick={confirm} loading={busy}>
            {transition.label}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
