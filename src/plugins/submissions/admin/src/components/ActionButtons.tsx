import { useState } from 'react';
import { Box, Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { commentsInOrder, type Comments } from '../../../shared/comments';
import { TRANSITIONS, type Action } from '../../../shared/workflow';
import { errorMessage, useSubmissionsApi } from '../api';
import type { SubmissionView } from '../contracts';

/** Actions that change nothing the council or the public sees: taken at once, without a dialog. */
const IMMEDIATE: readonly Action[] = ['start_review'];

type Done = (view: SubmissionView | null, error?: string) => void;

const filled = (comments: Comments) =>
  Object.fromEntries(Object.entries(comments).filter(([, text]) => text.trim() !== ''));

/**
 * One button per action the server allows now (allowedActions), labelled from the transition table.
 * Start review acts at once; the others confirm, asking for what the table says they need (a message
 * or reason) and listing the comments written beside the answers that will go with them.
 */
export function ActionButtons({
  submission,
  comments,
  onDone,
}: {
  submission: SubmissionView;
  comments: Comments;
  onDone: Done;
}) {
  const api = useSubmissionsApi();
  const [open, setOpen] = useState<Action | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);

  const actNow = async (action: Action) => {
    setBusy(action);
    try {
      onDone(await api.act(submission.id, action, { version: submission.version }));
    } catch (error) {
      onDone(null, errorMessage(error));
    }
    setBusy(null);
  };

  return (
    <Flex gap={2}>
      {submission.allowedActions.map((action) => (
        <Button
          key={action}
          loading={busy === action}
          variant={
            action === 'reject' || action === 'archive'
              ? 'danger-light'
              : action === 'request_changes'
                ? 'secondary'
                : 'default'
          }
          onClick={() => (IMMEDIATE.includes(action) ? actNow(action) : setOpen(action))}
        >
          {TRANSITIONS[action].label}
        </Button>
      ))}
      {open && (
        <ActionDialog
          action={open}
          submission={submission}
          comments={filled(comments)}
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
  comments,
  onClose,
  onDone,
}: {
  action: Action;
  submission: SubmissionView;
  comments: Comments;
  onClose: () => void;
  onDone: Done;
}) {
  const api = useSubmissionsApi();
  const transition: { label: string; message?: 'message' | 'reason'; comments?: boolean } =
    TRANSITIONS[action];
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sending = transition.comments ? commentsInOrder(comments, submission.template.sections) : [];
  const cover = submission.attachments.find((a) => a.isCover);

  const confirm = async () => {
    if (transition.message && !message.trim()) {
      setProblem(`Give a ${transition.message}`);
      return;
    }
    setBusy(true);
    try {
      const view = await api.act(submission.id, action, {
        version: submission.version,
        ...(transition.message ? { message: message.trim() } : {}),
        ...(sending.length ? { comments } : {}),
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
            {transition.comments && (
              <Box>
                <Typography tag="p" fontWeight="bold">
                  {sending.length
                    ? `With your comments on ${sending.length} ${sending.length === 1 ? 'answer' : 'answers'}:`
                    : 'No comments on answers: write them beside the answers first if you want to add some.'}
                </Typography>
                <Flex tag="ul" direction="column" alignItems="stretch" gap={1} paddingTop={2}>
                  {sending.map((c) => (
                    <Typography tag="li" key={c.key} variant="pi">
                      <strong>{c.title}:</strong> {c.comment}
                    </Typography>
                  ))}
                </Flex>
              </Box>
            )}
            {action === 'publish' && (
              <Typography tag="p">
                {cover ? `Cover image: ${cover.name}.` : 'No cover image chosen.'} Every attached file becomes
                public media of the case study.
              </Typography>
            )}
            {!transition.message && !transition.comments && (
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
