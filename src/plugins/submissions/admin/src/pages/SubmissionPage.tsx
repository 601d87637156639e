import { Box, Flex, Grid, Link, LinkButton, Typography } from '@strapi/design-system';
import { ArrowLeft, ExternalLink } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { NavLink, useParams } from 'react-router-dom';
import { useLoaded, useSubmissionsApi } from '../api';
import { ActionButtons } from '../components/ActionButtons';
import { AnswersBySection } from '../components/AnswersBySection';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { RoundComparisonPanel } from '../components/RoundComparisonPanel';
import { StateBadge } from '../components/StateBadge';
import { SubmissionFacts } from '../components/SubmissionFacts';
import { compareLatestRounds } from '../rounds';

export const CASE_STUDY_EDIT_PATH = '/content-manager/collection-types/api::case-study.case-study';

/** One submission: its answers by section, the facts, the history, and the actions allowed now. */
export function SubmissionPage() {
  const { id = '' } = useParams();
  const api = useSubmissionsApi();
  const { toggleNotification } = useNotification();
  const submission = useLoaded(() => api.submission(id), id);

  if (submission.loading && !submission.data) return <Page.Loading />;
  if (submission.error || !submission.data) return <Page.Error />;
  const view = submission.data;
  const comparison = compareLatestRounds(view.history, view.template.sections);

  return (
    <Page.Main>
      <Page.Title>{view.title ?? 'Submission'}</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link tag={NavLink} to=".." relative="path" startIcon={<ArrowLeft />}>
            Back to the queue
          </Link>
        }
        title={view.title ?? 'Untitled'}
        subtitle={
          <Flex gap={2} paddingTop={1}>
            <StateBadge state={view.state} />
            <Typography textColor="neutral600">
              {view.council?.name} · {view.reference}
            </Typography>
          </Flex>
        }
        primaryAction={
          <ActionButtons
            submission={view}
            onDone={(next, error) => {
              if (error) toggleNotification({ type: 'warning', message: error });
              if (next) {
                submission.replace(next.template ? next : { ...next, template: view.template });
                toggleNotification({ type: 'success', message: `${next.stateLabel}` });
              } else submission.reload();
            }}
          />
        }
      />
      <Layouts.Content>
        {view.caseStudy && (
          <Box paddingBottom={4}>
            <LinkButton
              tag={NavLink}
              to={`${CASE_STUDY_EDIT_PATH}/${view.caseStudy.documentId}`}
              variant="secondary"
              startIcon={<ExternalLink />}
            >
              Open the case study in the content manager
            </LinkButton>
          </Box>
        )}
        <Grid.Root gap={4}>
          <Grid.Item col={8} s={12} direction="column" alignItems="stretch" gap={4}>
            {comparison && <RoundComparisonPanel comparison={comparison} />}
            <AnswersBySection submission={view} />
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch" gap={4}>
            <SubmissionFacts submission={view} />
            <HistoryTimeline history={view.history} sections={view.template.sections} />
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
