/**
 * globalSetup of the integration and e2e projects: the real Redis and Elasticsearch must answer. It never starts
 * them (`npm test` runs `pulse services up` first); when they are missing it fails in one line naming the fix — the
 * same check, and the same message, as the CLI's.
 */
import { requireServices } from '../../infra/services/require-services.js';
import { testConfig } from '../helpers/test-config.js';

export default async function requireServicesForTests(): Promise<void> {
  await requireServices(testConfig());
}
