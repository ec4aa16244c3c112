import claim from '../src/claims/catalogue/B.NS5.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
