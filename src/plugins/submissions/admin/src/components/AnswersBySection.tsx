import { Box, Flex, Typography } from '@strapi/design-system';
import { countWords, FIXED_QUESTIONS } from '../../../shared/template';
import type { SubmissionView } from '../contracts';

function Answer({
  title,
  guidance,
  text,
  wordLimit,
  comment,
}: {
  title: string;
  guidance: string;
  text: string | null | undefined;
  wordLimit?: number;
  comment?: string;
}) {
  const words = countWords(text);
  return (
    <Box tag="section" aria-label={title}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      <Typography variant="pi" textColor="neutral600" tag="p">
        {guidance}
      </Typography>
      <Box paddingTop={2}>
        <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }} textColor={text ? 'neutral800' : 'neutral500'}>
          {text || 'Not answered'}
        </Typography>
      </Box>
      {wordLimit !== undefined && (
        <Typography variant="pi" textColor={words > wordLimit ? 'danger600' : 'neutral500'}>
          {words} of {wordLimit} words
        </Typography>
      )}
      {comment && (
        <Box paddingTop={2}>
          <Typography variant="pi" textColor="warning700">
            Last feedback: {comment}
          </Typography>
        </Box>
      )}
    </Box>
  );
}

/** The answers laid out by the template the submission was started on, each with its guidance. */
export function AnswersBySection({ submission }: { submission: SubmissionView }) {
  const comments =
    submission.history.filter((e) => e.action === 'request_changes').at(-1)?.sectionComments ?? {};
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={6}>
        <Answer
          title={FIXED_QUESTIONS.summary.title}
          guidance={FIXED_QUESTIONS.summary.guidance}
          text={submission.summary}
          wordLimit={FIXED_QUESTIONS.summary.wordLimit}
          comment={comments.summary}
        />
        {submission.template.sections.map((section) => (
          <Answer
            key={section.key}
            title={section.title + (section.required ? '' : ' (optional)')}
            guidance={section.guidance}
            text={submission.answers[section.key]}
            wordLimit={section.wordLimit}
            comment={comments[section.key]}
          />
        ))}
      </Flex>
    </Box>
  );
}
