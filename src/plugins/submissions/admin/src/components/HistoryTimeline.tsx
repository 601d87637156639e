import { Box, Flex, Typography } from '@strapi/design-system';
import { isAction, STATE_LABELS, TRANSITIONS } from '../../../shared/workflow';
import { commentsInOrder } from '../../../shared/comments';
import type { TemplateSection } from '../../../shared/template';
import type { HistoryEvent } from '../contracts';
import { dateTime } from '../format';
import { Paragraphs } from './Paragraphs';

const actionLabel = (action: string) => (isAction(action) ? TRANSITIONS[action].label : action);

/** Every action on the submission, oldest first: who, when, from → to, the message and the comments on answers. */
export function HistoryTimeline({
  history,
  sections,
}: {
  history: HistoryEvent[];
  sections: TemplateSection[];
}) {
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} tag="section" aria-label="History">
      <Typography variant="delta" tag="h2">
        History
      </Typography>
      <Flex tag="ol" direction="column" alignItems="stretch" gap={4} paddingTop={3}>
        {history.map((event) => (
          <Box tag="li" key={event.id} paddingLeft={3} style={{ borderLeft: '3px solid #d9d8ff' }}>
            <Typography fontWeight="bold" tag="p">
              {actionLabel(event.action)}
            </Typography>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {event.actor.name ?? (event.actor.kind === 'council' ? 'Council' : 'Editor')},{' '}
              {dateTime(event.at)}
              {' · '}
              {event.fromState ? STATE_LABELS[event.fromState] : 'New'} → {STATE_LABELS[event.toState]}
            </Typography>
            {event.message && <Paragraphs text={event.message} />}
            {commentsInOrder(event.comments, sections).map(({ key, title, comment }) => (
              <Typography key={key} variant="pi" tag="p">
                <strong>{title}:</strong> {comment}
              </Typography>
            ))}
          </Box>
        ))}
      </Flex>
    </Box>
  );
}
