import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::support-type.support-type');
