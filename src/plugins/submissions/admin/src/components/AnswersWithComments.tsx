import type { ReactNode } from 'react';
import { Box, Field, Flex, Grid, Textarea, Typography } from '@strapi/design-system';
import { questionTitle, sectionCommentKey, type Comments } from '../../../shared/comments';
import { countWords, FIXED_QUESTIONS } from '../../../shared/template';
import type { SubmissionView } from '../contracts';
import { AttachmentList } from './AttachmentList';
import { Paragraphs } from './Paragraphs';

interface Question {
  key: string;
  title: string;
  guidance: string;
  answer: ReactNode;
  words?: { count: number; limit: number };
}

/** Every question of the form in its order, with the answer as the council gave it. */
function questionsOf(submission: SubmissionView, attachments: ReactNode): Question[] {
  const { contact } = submission;
  const sections = submission.template.sections;
  const words = (text: string | null | undefined, limit?: number) =>
    limit === undefined ? undefined : { count: countWords(text), limit };
  return [
    {
      key: 'title',
      guidance: FIXED_QUESTIONS.title.guidance,
      answer: <Paragraphs text={submission.title} />,
    },
    {
      key: 'summary',
      guidance: FIXED_QUESTIONS.summary.guidance,
      answer: <Paragraphs text={submission.summary} />,
      words: words(submission.summary, FIXED_QUESTIONS.summary.wordLimit),
    },
    {
      key: 'topics',
      guidance: FIXED_QUESTIONS.topics.guidance,
      answer: <Paragraphs text={submission.topics.map((t) => t.name).join(', ')} empty="None chosen" />,
    },
    {
      key: 'supportTypes',
      guidance: FIXED_QUESTIONS.supportTypes.guidance,
      answer: <Paragraphs text={submission.supportTypes.map((t) => t.name).join(', ')} empty="None chosen" />,
    },
    ...sections.map((section) => ({
      key: sectionCommentKey(section.key),
      guidance: section.guidance,
      answer: <Paragraphs text={submission.answers[section.key]} />,
      words: words(submission.answers[section.key], section.wordLimit),
    })),
    {
      key: 'contact',
      guidance: FIXED_QUESTIONS.contact.guidance,
      answer: <Paragraphs text={[contact.name, contact.role, contact.email].filter(Boolean).join('\n')} />,
    },
    { key: 'attachments', guidance: 'Images and documents the council attached.', answer: attachments },
  ].map((q) => ({
    ...q,
    title:
      questionTitle(q.key, sections) +
      (sections.some((s) => sectionCommentKey(s.key) === q.key && !s.required) ? ' (optional)' : ''),
  }));
}

/**
 * The answers, each with the reviewer's comment box beside it while a decision that takes comments
 * (request changes, reject) is open, and the last feedback the council had on it.
 */
export function AnswersWithComments({
  submission,
  comments,
  onComment,
  attachments,
}: {
  submission: SubmissionView;
  /** The comments being written; undefined when this editor cannot comment now. */
  comments?: Comments;
  onComment: (key: string, text: string) => void;
  attachments: ReactNode;
}) {
  const lastFeedback =
    submission.history.filter((e) => e.action === 'request_changes' || e.action === 'reject').at(-1)
      ?.comments ?? {};
  const commenting = comments !== undefined;
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={6}>
        {questionsOf(submission, attachments).map((q) => (
          <Grid.Root key={q.key} gap={4} tag="section" aria-label={q.title} data-question={q.key}>
            <Grid.Item col={commenting ? 7 : 12} s={12} direction="column" alignItems="stretch" gap={2}>
              <Typography variant="delta" tag="h2">
                {q.title}
              </Typography>
              <Typography variant="pi" textColor="neutral600" tag="p">
                {q.guidance}
              </Typography>
              <Box paddingTop={1}>{q.answer}</Box>
              {q.words && (
                <Typography
                  variant="pi"
                  textColor={q.words.count > q.words.limit ? 'danger600' : 'neutral600'}
                >
                  {q.words.count} of {q.words.limit} words
                </Typography>
              )}
              {lastFeedback[q.key] && (
                <Box
                  padding={3}
                  hasRadius
                  background="neutral100"
                  style={{ borderLeft: '4px solid #be5d01' }}
                >
                  <Typography variant="pi" textColor="neutral800">
                    <strong>Last feedback:</strong> {lastFeedback[q.key]}
                  </Typography>
                </Box>
              )}
            </Grid.Item>
            {commenting && (
              <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                <Field.Root
                  name={`comment-${q.key}`}
                  hint="Optional: shown to the council beside this answer"
                >
                  <Field.Label>Comment on “{q.title}”</Field.Label>
                  <Textarea
                    value={comments[q.key] ?? ''}
                    onChange={(e) => onComment(q.key, e.target.value)}
                  />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            )}
          </Grid.Root>
        ))}
      </Flex>
    </Box>
  );
}
