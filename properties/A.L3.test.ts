import claim from '../src/claims/catalogue/A.L3.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
