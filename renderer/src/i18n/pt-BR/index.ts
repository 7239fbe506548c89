/** The Brazilian Portuguese catalogue, one file per area of the app. */
import app from './app';
import chart from './chart';
import common from './common';
import detail from './detail';
import overview from './overview';
import shards from './shards';
import timeline from './timeline';

export default { app, chart, common, detail, overview, shards, timeline };
