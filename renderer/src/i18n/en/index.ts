/** The English catalogue, one file per area of the app. */
import alerting from './alerting';
import analytics from './analytics';
import app from './app';
import chart from './chart';
import common from './common';
import detail from './detail';
import editor from './editor';
import heatmap from './heatmap';
import incidents from './incidents';
import overview from './overview';
import settings from './settings';
import shards from './shards';
import timeline from './timeline';
import engine from '../../../../shared/i18n/engine-en';

export default {
  alerting,
  analytics,
  app,
  chart,
  common,
  detail,
  editor,
  heatmap,
  incidents,
  overview,
  settings,
  shards,
  timeline,
  /** The engine's sentences (shared/i18n/), for messages the renderer words from a key. */
  engine,
};
