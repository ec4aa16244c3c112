import claim from '../src/claims/catalogue/A.L10.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
