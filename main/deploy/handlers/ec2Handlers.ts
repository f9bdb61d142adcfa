import type { ResourceHandler } from '../types';
import { ec2GatewayAttachmentHandler, ec2InternetGatewayHandler, ec2SubnetHandler, ec2VpcHandler } from './ec2Network';
import { ec2EipHandler, ec2NatGatewayHandler, ec2RouteHandler, ec2RouteTableHandler, ec2SubnetRouteTableAssociationHandler } from './ec2Routing';
import { ec2SecurityGroupEgressHandler, ec2SecurityGroupIngressHandler } from './ec2SecurityGroupRules';
import { elbListenerHandler, elbListenerRuleHandler } from './elbListeners';
import { elbLoadBalancerHandler, elbTargetGroupHandler } from './elbLoadBalancing';

/** Networking (VPC, subnets, gateways, routes, addresses, security group rules) and load balancing handlers. */
export const NETWORK_HANDLERS: readonly ResourceHandler[] = [
  ec2VpcHandler,
  ec2SubnetHandler,
  ec2InternetGatewayHandler,
  ec2GatewayAttachmentHandler,
  ec2RouteTableHandler,
  ec2RouteHandler,
  ec2SubnetRouteTableAssociationHandler,
  ec2EipHandler,
  ec2NatGatewayHandler,
  ec2SecurityGroupIngressHandler,
  ec2SecurityGroupEgressHandler,
  elbLoadBalancerHandler,
  elbTargetGroupHandler,
  elbListenerHandler,
  elbListenerRuleHandler,
];
