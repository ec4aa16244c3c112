import claim from '../src/claims/catalogue/A.L1.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
