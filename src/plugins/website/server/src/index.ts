import bootstrap from './bootstrap';
import config from './config';
import controllers from './controllers';
import middlewares from './middlewares';
import register from './register';
import routes from './routes';
import services from './services';

/** The website: the public library and the council form, over the submissions plugin and the search. */
export default { register, bootstrap, config, controllers, middlewares, routes, services };
