// The modules the extension bundle shares with the bundles it loads on first use (dist/core.js, dist/edits.js,
// dist/lm.js). esbuild.js builds those bundles so that an import of one of these files reads it from here at run
// time (`require('./extension.js').sharedModules`) instead of bundling a second copy: one copy of the code, and one
// copy of module state such as the workspace settings policy that activate() installs. Outside the bundles (tests
// run the compiled files) each file is simply its own module. Keys: the source path, as esbuild.js matches them.
import * as baseUrl from '../api/baseUrl';
import * as modelChoices from '../common/modelChoices';
import * as config from './config';
import * as workspaceSettings from './workspaceSettings';

export const sharedModules = {
  'src/api/baseUrl.ts': baseUrl,
  'src/common/modelChoices.ts': modelChoices,
  'src/host/config.ts': config,
  'src/host/workspaceSettings.ts': workspaceSettings,
};
