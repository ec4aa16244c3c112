import claim from '../src/claims/catalogue/B.S41.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
