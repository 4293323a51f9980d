import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type CellSettings, cellTags, namePrefix } from './config.js';
import { bucketPolicy } from './storage.js';

/**
 * The cell's edge: CloudFront serves the SPA from its bucket (origin access control, the bucket stays
 * private) and routes `/graphql` (HTTP and WebSocket) to the load balancer at `origin.<domain>`, which
 * forwards only requests carrying CloudFront's secret header. A WAF web ACL (AWS managed rule groups
 * and a per-address rate limit) guards the distribution. Certificates from ACM (CloudFront's in
 * us-east-1), validated through the cell's zone; `<domain>` is an alias of the distribution.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
export const originHost = (settings: CellSettings) => `origin.${settings.domain}`;

// AWS managed CloudFront policies (their ids are fixed).
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const SECURITY_HEADERS = '67f7725c-6f97-4210-82d7-5512b31e9d03';

export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
];

export interface Certificates {
  /** us-east-1, for CloudFront: <domain>. */
  edge: pulumi.Output<string>;
  /** The region's, for the load balancer: origin.<domain>. */
  origin: pulumi.Output<string>;
}

export interface Edge {
  distribution: aws.cloudfront.Distribution;
  webAcl: aws.wafv2.WebAcl;
}

/** The provider of CloudFront's global resources (its certificate and WAF live in us-east-1). */
export const globalProvider = (settings: CellSettings, parent: pulumi.Resource) =>
  new aws.Provider(`${namePrefix(settings)}-us-east-1`, { region: 'us-east-1', defaultTags: { tags: cellTags(settings) } }, { parent });

function validatedCertificate(name: string, domain: string, zone: aws.route53.Zone, parent: pulumi.Resource, provider?: aws.Provider): pulumi.Output<string> {
  const certificate = new aws.acm.Certificate(name, { domainName: domain, validationMethod: 'DNS' }, { parent, provider });
  const option = certificate.domainValidationOptions[0]!;
  const record = new aws.route53.Record(
    `${name}-validation`,
    {
      zoneId: zone.zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    },
    { parent },
  );
  return new aws.acm.CertificateValidation(name, { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] }, { parent, provider })
    .certificateArn;
}

export function createCertificates(settings: CellSettings, zone: aws.route53.Zone, usEast1: aws.Provider, parent: pulumi.Resource): Certificates {
  const prefix = namePrefix(settings);
  return {
    edge: validatedCertificate(`${prefix}-edge-cert`, settings.domain, zone, parent, usEast1),
    origin: validatedCertificate(`${prefix}-origin-cert`, originHost(settings), zone, parent),
  };
}

export function createWebAcl(settings: CellSettings, usEast1: aws.Provider, parent: pulumi.Resource): aws.wafv2.WebAcl {
  const prefix = namePrefix(settings);
  const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
  return new aws.wafv2.WebAcl(
    `${prefix}-waf`,
    {
      scope: 'CLOUDFRONT',
      description: `cellgraph ${settings.stack}`,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${prefix}-waf`),
      rules: [
        ...MANAGED_RULE_GROUPS.map((name, priority) => ({
          name,
          priority,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(name),
        })),
        {
          name: 'rate-limit-per-address',
          priority: MANAGED_RULE_GROUPS.length,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: settings.rateLimitPer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: visibility('rate-limit-per-address'),
        },
      ],
    },
    { parent, provider: usEast1 },
  );
}

export function createEdge(
  settings: CellSettings,
  args: { zone: aws.route53.Zone; certificates: Certificates; spa: aws.s3.Bucket; loadBalancer: aws.lb.LoadBalancer; webAcl: aws.wafv2.WebAcl },
  parent: pulumi.Resource,
): Edge {
  const prefix = namePrefix(settings);
  const { zone, spa, loadBalancer, webAcl } = args;
  new aws.route53.Record(
    `${prefix}-origin`,
    {
      zoneId: zone.zoneId,
      name: originHost(settings),
      type: 'A',
      aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
    },
    { parent },
  );
  const oac = new aws.cloudfront.OriginAccessControl(
    `${prefix}-spa`,
    { name: `${prefix}-spa`, originAccessControlOriginType: 's3', signingBehavior: 'always', signingProtocol: 'sigv4' },
    { parent },
  );
  const distribution = new aws.cloudfront.Distribution(
    `${prefix}-cdn`,
    {
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      comment: `cellgraph ${settings.stack}`,
      aliases: [settings.domain],
      defaultRootObject: 'index.html',
      priceClass: settings.production ? 'PriceClass_All' : 'PriceClass_100',
      webAclId: webAcl.arn,
      origins: [
        { originId: 'spa', domainName: spa.bucketRegionalDomainName, originAccessControlId: oac.id },
        {
          originId: 'api',
          domainName: originHost(settings),
          customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'], originReadTimeout: 60 },
          customHeaders: [{ name: ORIGIN_VERIFY_HEADER, value: settings.secrets.originVerifyToken }],
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: 'spa',
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: CACHING_OPTIMIZED,
        responseHeadersPolicyId: SECURITY_HEADERS,
      },
      orderedCacheBehaviors: [
        {
          // Queries, mutations, the explorer page and subscriptions (WebSocket upgrades pass through CloudFront).
          pathPattern: '/graphql*',
          targetOriginId: 'api',
          viewerProtocolPolicy: 'https-only',
          allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
          cachedMethods: ['GET', 'HEAD'],
          compress: true,
          cachePolicyId: CACHING_DISABLED,
          originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
        },
      ],
      // The SPA routes on the client: unknown paths get index.html.
      customErrorResponses: [
        { errorCode: 403, responseCode: 200, responsePagePath: '/index.html', errorCachingMinTtl: 0 },
        { errorCode: 404, responseCode: 200, responsePagePath: '/index.html', errorCachingMinTtl: 0 },
      ],
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { acmCertificateArn: args.certificates.edge, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
    },
    { parent },
  );
  bucketPolicy(
    `${prefix}-spa`,
    spa,
    [
      pulumi.all([spa.arn, distribution.arn]).apply(([bucketArn, distributionArn]) => ({
        Sid: 'CloudFrontReadsTheSpa',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: `${bucketArn}/*`,
        Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
      })),
    ],
    parent,
  );
  for (const type of ['A', 'AAAA']) {
    new aws.route53.Record(
      `${prefix}-cdn-${type}`,
      {
        zoneId: zone.zoneId,
        name: settings.domain,
        type,
        aliases: [{ name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false }],
      },
      { parent },
    );
  }
  return { distribution, webAcl };
}
