import claim from '../src/claims/catalogue/A.L20.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
