import claim from '../src/claims/catalogue/A.L4.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
