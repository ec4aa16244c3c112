import { describeClaim } from 'muon-claims/vitest';
import geometric from './my-claims.ts';

// One describe block per claim: "<id> holds", "<id> pinned regressions behave as pinned", and one test per probe.
// MUON_PROFILE=quick|default|deep and MUON_SEED choose the cases, as for `muon-claims check`.
describeClaim(geometric);
