/**
 * The Pulumi program of a cell (Pulumi.yaml, `pulumi up --stack <cell>-<env>`): reads the stack's
 * settings and the cell's manifest, declares the cell (cell.ts) and exports what a product team
 * needs. README.md says how to create a stack and what every resource is for.
 */
import { deployCell } from './cell.js';

const cell = deployCell();

export const endpoint = cell.endpoint;
export const spaUrl = cell.spaUrl;
export const explorerUrl = cell.explorerUrl;
export const dashboardUrl = cell.dashboardUrl;
export const subgraphs = cell.subgraphs;
export const nameServers = cell.nameServers;
export const databaseEndpoint = cell.databaseEndpoint;
export const databaseReaderEndpoint = cell.databaseReaderEndpoint;
export const redisEndpoint = cell.redisEndpoint;
export const filesBucket = cell.filesBucket;
export const backupsBucket = cell.backupsBucket;
export const spaBucket = cell.spaBucket;
export const cloudFrontDistributionId = cell.cloudFrontDistributionId;
export const alarmTopicArn = cell.alarmTopicArn;
export const deployerRoleArn = cell.deployerRoleArn;
export const previewRoleArn = cell.previewRoleArn;
export const loggingRoleArn = cell.loggingRoleArn;
export const image = cell.image;
export const migrateCommand = cell.migrateCommand;
export const rollback = cell.rollback;
