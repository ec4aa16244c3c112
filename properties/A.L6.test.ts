import claim from '../src/claims/catalogue/A.L6.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
