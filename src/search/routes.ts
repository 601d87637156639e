/**
 * GET /api/case-studies/search and /suggest, handled by actions added to the case-study controller
 * (so their permissions are api::case-study.case-study.search and .suggest, as before).
 */
export const searchRoutes = {
  type: 'content-api' as const,
  routes: ['search', 'suggest'].map((action) => ({
    method: 'GET' as const,
    path: `/case-studies/${action}`,
    handler: `api::case-study.case-study.${action}`,
    config: { policies: [] },
  })),
};
