import { factories } from '@strapi/strapi';
import { searchAction, suggestAction } from '../../../search/controller';

export default factories.createCoreController('api::case-study.case-study', ({ strapi }) => ({
  search: searchAction(strapi),
  suggest: suggestAction(strapi),
}));
