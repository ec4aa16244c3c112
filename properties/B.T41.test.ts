import claim from '../src/claims/catalogue/B.T41.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
