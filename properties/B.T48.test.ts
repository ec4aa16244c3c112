import claim from '../src/claims/catalogue/B.T48.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
