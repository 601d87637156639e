import type { ReactNode } from 'react';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { dateTime, fileSize } from '../format';
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

/** Who sent it and what it is filed under: the fixed questions around the answers. */
export function SubmissionFacts({ submission }: { submission: SubmissionView }) {
  const { contact } = submission;
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
        <Fact label="Contact">
          {[contact.name, contact.role, contact.email].filter(Boolean).join(', ') || '—'}
        </Fact>
        <Fact label="Topics">{submission.topics.map((t) => t.name).join(', ') || '—'}</Fact>
        <Fact label="Support types">{submission.supportTypes.map((t) => t.name).join(', ') || '—'}</Fact>
        <Fact label="Attachments">
          {submission.attachments.length === 0
            ? 'None'
            : submission.attachments.map((file) => (
                <Box key={file.id}>
                  <Link href={file.url} isExternal>
                    {file.name}
                  </Link>{' '}
                  ({fileSize(file.size)})
                </Box>
              ))}
        </Fact>
        <Fact label="Assigned to">{submission.assignee?.name ?? 'Nobody'}</Fact>
        <Fact label="Submitted">{dateTime(submission.submittedAt)}</Fact>
        <Fact label="Template">Version {submission.templateVersion}</Fact>
      </Flex>
    </Box>
  );
}
