// Decides whether a test server checks the OpenAPI contract: the env var, the CI rule and the one loud warning.
import { loadOpenApi, OpenApiContract } from './openapi-contract';

let warnedContractOff = false;

/**
 * The contract for a document path (normally SOT_SYNC_QDRANT_OPENAPI). No path: checks off with one line on
 * stderr per process, or an error under CI=true, where silently unchecked tests would prove nothing.
 * A path that cannot be read always throws: it is a broken setup, locally as much as in CI.
 */
export function openContract(path: string | undefined): OpenApiContract {
  if (!path) {
    if (process.env['CI'] === 'true') {
      throw new Error("CI=true but SOT_SYNC_QDRANT_OPENAPI is not set: the Qdrant test server needs Qdrant's OpenAPI document");
    }
    if (!warnedContractOff) {
      process.stderr.write(
        '!!! sot-sync Qdrant test server: OpenAPI CONTRACT CHECKS ARE OFF ' + "(set SOT_SYNC_QDRANT_OPENAPI to Qdrant's openapi.json) !!!\n",
      );
      warnedContractOff = true;
    }
    return new OpenApiContract(null);
  }
  try {
    return new OpenApiContract(loadOpenApi(path));
  } catch (error) {
    throw new Error(`Cannot load Qdrant's OpenAPI document from SOT_SYNC_QDRANT_OPENAPI=${path}`, { cause: error });
  }
}
