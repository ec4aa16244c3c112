import claim from '../src/claims/catalogue/B.cond7.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
