import { useState } from 'react';
import { Box, Flex, Grid, Link, LinkButton, Typography } from '@strapi/design-system';
import { ArrowLeft, ExternalLink } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { NavLink, useParams } from 'react-router-dom';
import type { Comments } from '../../../shared/comments';
import { EDITOR_COVER_STATES, TRANSITIONS } from '../../../shared/workflow';
import { errorMessage, useLoaded, useSubmissionsApi } from '../api';
import { ActionButtons } from '../components/ActionButtons';
import { AnswersWithComments } from '../components/AnswersWithComments';
import { AttachmentList } from '../components/AttachmentList';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { RoundComparisonPanel } from '../components/RoundComparisonPanel';
import { StateBadge } from '../components/StateBadge';
import { SubmissionFacts } from '../components/SubmissionFacts';
import type { SubmissionView } from '../contracts';
import { compareLatestRounds } from '../rounds';

export const CASE_STUDY_EDIT_PATH = '/content-manager/collection-types/api::case-study.case-study';

/**
 * One submission: the answers with the reviewer's comment boxes beside them, what changed since the
 * last round, the facts, the history, and the actions allowed now.
 */
export function SubmissionPage() {
  const { id = '' } = useParams();
  const api = useSubmissionsApi();
  const { toggleNotification } = useNotification();
  const submission = useLoaded(() => api.submission(id), id);
  const [comments, setComments] = useState<Comments>({});

  if (submission.loading && !submission.data) return <Page.Loading />;
  if (submission.error || !submission.data) return <Page.Error />;
  const view = submission.data;
  const comparison = compareLatestRounds(view.history, view.template.sections);
  const show = (next: SubmissionView) =>
    submission.replace(next.template ? next : { ...next, template: view.template });
  const canComment = view.allowedActions.some((action) => 'comments' in TRANSITIONS[action]);
  const mayChooseCover = EDITOR_COVER_STATES.includes(view.state) && view.allowedActions.length > 0;

  const chooseCover = async (coverAttachment: string | null) => {
    try {
      show(await api.chooseCover(view.id, { version: view.version, coverAttachment }));
      toggleNotification({
        type: 'success',
        message: coverAttachment ? 'Cover image chosen' : 'Cover image removed',
      });
    } catch (error) {
      toggleNotification({ type: 'warning', message: errorMessage(error) });
      submission.reload();
    }
  };

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
            comments={comments}
            onDone={(next, error) => {
              if (error) toggleNotification({ type: 'warning', message: error });
              if (next) {
                show(next);
                setComments({});
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
          <Grid.Item col={9} s={12} direction="column" alignItems="stretch" gap={4}>
            {comparison && <RoundComparisonPanel comparison={comparison} />}
            <AnswersWithComments
              submission={view}
              comments={canComment ? comments : undefined}
              onComment={(key, text) => setComments((all) => ({ ...all, [key]: text }))}
              attachments={
                <AttachmentList
                  submissionId={view.id}
                  files={view.attachments}
                  onChooseCover={mayChooseCover ? chooseCover : undefined}
                />
              }
            />
          </Grid.Item>
          <Grid.Item col={3} s={12} direction="column" alignItems="stretch" gap={4}>
            <SubmissionFacts submission={view} />
            <HistoryTimeline history={view.history} sections={view.template.sections} />
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
