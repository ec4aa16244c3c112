import claim from '../src/claims/catalogue/A.Eq17.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
