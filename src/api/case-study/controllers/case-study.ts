import { factories } from '@strapi/strapi';
import { searchAction } from '../../../search/controller';

export default factories.createCoreController('api::case-study.case-study', ({ strapi }) => ({
  search: searchAction(strapi),
}));
