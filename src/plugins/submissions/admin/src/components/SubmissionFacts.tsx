import type { ReactNode } from 'react';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { dateTime } from '../format';
import type { SubmissionView } from '../contracts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="sigma" textColor="neutral600" tag="dt">
        {label}
      </Typography>
      <Typography tag="dd">{children}</Typography>
    </Box>
  );
}

/** Who sent it, who has it, and where it stands; the answers themselves are beside. */
export function SubmissionFacts({ submission }: { submission: SubmissionView }) {
  const live = submission.caseStudy?.live && submission.caseStudy.url;
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5}>
      <Flex direction="column" alignItems="stretch" gap={3} tag="dl">
        <Fact label="Council">{submission.council?.name ?? '—'}</Fact>
        <Fact label="Reference">{submission.reference ?? '—'}</Fact>
        <Fact label="Sent by">
          {submission.author
            ? [...new Set([submission.author.name, submission.author.email].filter(Boolean))].join(', ')
            : '—'}
        </Fact>
        <Fact label="Assigned to">{submission.assignee?.name ?? 'Nobody'}</Fact>
        <Fact label="Submitted">{dateTime(submission.submittedAt)}</Fact>
        <Fact label="Template">Version {submission.templateVersion}</Fact>
        {submission.caseStudy && (
          <Fact label="Public case study">
            {live ? (
              <Link href={submission.caseStudy.url!} isExternal>
                {submission.caseStudy.url}
              </Link>
            ) : (
              'No longer public (archived)'
            )}
          </Fact>
        )}
      </Flex>
    </Box>
  );
}
