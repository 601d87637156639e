/**
 * The library's faceted search. The file name sorts before case-study.ts so that this route is
 * registered before the core `/case-studies/:id`, which would otherwise take "search" for an id.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/case-studies/search',
      handler: 'api::case-study.case-study.search',
      config: { policies: [] },
    },
    {
      method: 'GET',
      path: '/case-studies/suggest',
      handler: 'api::case-study.case-study.suggest',
      config: { policies: [] },
    },
  ],
};
