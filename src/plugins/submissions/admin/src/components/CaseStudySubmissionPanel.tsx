import { Flex, LinkButton, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { useLoaded, useSubmissionsApi } from '../api';
import { PERMISSIONS, PLUGIN_ID } from '../pluginId';
import { dateTime } from '../format';
import { StateBadge } from './StateBadge';

const CASE_STUDY_UID = 'api::case-study.case-study';

/** A content-manager side panel: on a case study that came from a submission, a link to it and its history. */
export function CaseStudySubmissionPanel({ model, documentId }: { model: string; documentId?: string }) {
  const api = useSubmissionsApi();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.read);
  const applies = model === CASE_STUDY_UID && Boolean(documentId) && allowedActions.canRead;
  const found = useLoaded(
    () => (applies ? api.byCaseStudy(documentId!) : Promise.resolve(null)),
    `${applies}:${documentId}`
  );
  const submission = found.data;
  if (isLoading || !applies || !submission) return null;
  return {
    title: 'Council submission',
    content: (
      <Flex direction="column" alignItems="flex-start" gap={2} width="100%">
        <Typography variant="pi">
          From {submission.council?.name ?? 'a council'}, {submission.reference}
        </Typography>
        <StateBadge state={submission.state} />
        <Typography variant="pi" textColor="neutral600">
          Last activity {dateTime(submission.lastActivityAt)}
        </Typography>
        <LinkButton tag={NavLink} to={`/plugins/${PLUGIN_ID}/${submission.id}`} variant="secondary" fullWidth>
          Open the submission and its history
        </LinkButton>
      </Flex>
    ),
  };
}
