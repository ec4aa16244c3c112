import claim from '../src/claims/catalogue/A.L18.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
