import claim from '../src/claims/catalogue/A.GD.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
