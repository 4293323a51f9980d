/**
 * `npm run platform-admin`: who manages the cell's feature flags (platform administrators, outside
 * any organization's roles).
 *   npm run platform-admin -- list
 *   npm run platform-admin -- grant <email>
 *   npm run platform-admin -- revoke <email>
 * Reads DATABASE_URL: an administrator connection to the cell's database (the user must exist).
 */
import { grantPlatformAdmin, listPlatformAdmins, revokePlatformAdmin } from '@cellgraph/identity';
import pg from 'pg';

const [command, email] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to an administrator connection to the cell’s database');
if ((command === 'grant' || command === 'revoke') && !email) throw new Error(`usage: npm run platform-admin -- ${command} <email>`);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  if (command === 'grant') {
    if (!(await grantPlatformAdmin(client, email!))) throw new Error(`No user with e-mail ${email}`);
    console.log(`${email} is a platform administrator`);
  } else if (command === 'revoke') {
    console.log((await revokePlatformAdmin(client, email!)) ? `${email} is no longer a platform administrator` : `${email} was not a platform administrator`);
  } else if (command === 'list' || command === undefined) {
    console.table(await listPlatformAdmins(client));
  } else {
    throw new Error('usage: npm run platform-admin -- list | grant <email> | revoke <email>');
  }
} finally {
  await client.end();
}
