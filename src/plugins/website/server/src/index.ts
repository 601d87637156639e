import config from './config';
import controllers from './controllers';
import middlewares from './middlewares';
import routes from './routes';

/** The website: the public library and the council form, over the submissions plugin and the search. */
export default { config, controllers, middlewares, routes };
