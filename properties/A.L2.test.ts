import claim from '../src/claims/catalogue/A.L2.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
