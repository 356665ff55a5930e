// Validates rendered Kubernetes manifests (the files named on the command line) offline.
// Built-in kinds, the ServiceMonitor and the PrometheusRule: against their JSON schemas
// (kubernetes-models packages, whose folder VALIDATOR_MODULES names); a ConfigMap labelled for
// Grafana's dashboard sidecar must also hold dashboards (JSON with a uid, a title and panels). The Infinispan Operator's CRD schema is not available
// offline, so Infinispan and Cache resources are checked by structure: the fields this project
// uses, with the types and values that the operator's CRDs (infinispan.org/v1, v2alpha1) define.
// Exits 1 and names every problem when anything is wrong.
"use strict";
const fs = require("fs");
const path = require("path");
const modules = process.env.VALIDATOR_MODULES;
const YAML = require(path.join(modules, "yaml"));

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

function schemaModule(apiVersion, kind) {
  if (apiVersion === "monitoring.coreos.com/v1") {
    return path.join(modules, "@kubernetes-models/prometheus-operator", apiVersion, kind);
  }
  return path.join(modules, "kubernetes-models", apiVersion, kind);
}

function validateBySchema(object, where) {
  let Model;
  try {
    Model = require(schemaModule(object.apiVersion, object.kind))[object.kind];
  } catch (e) {
    fail(where, `no schema for ${object.apiVersion} ${object.kind}`);
    return;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    fail(where, e.message);
  }
}

function validateDashboards(object, where) {
  const data = object.data || {};
  if (Object.keys(data).length === 0) fail(where, "a grafana_dashboard ConfigMap without dashboards");
  for (const [file, text] of Object.entries(data)) {
    try {
      const dashboard = JSON.parse(text);
      if (!isString(dashboard.uid) || !isString(dashboard.title) || !Array.isArray(dashboard.panels)) {
        fail(where, `${file} is not a dashboard (uid, title and panels)`);
      }
    } catch (e) {
      fail(where, `${file} is not JSON: ${e.message}`);
    }
  }
}

function isString(value) {
  return typeof value === "string" && value.length > 0;
}

// "limit:request" or a single quantity, as the operator's spec.container.cpu and .memory take.
const quantityPair = /^[0-9.]+[a-zA-Z]*(:[0-9.]+[a-zA-Z]*)?$/;

function validateInfinispan(object, where, names) {
  const spec = object.spec || {};
  const known = ["replicas", "service", "security", "container", "expose", "version", "image", "autoscale",
    "logging", "affinity", "configMapName", "configListener", "dependencies", "jmx", "scheduling", "upgrades"];
  Object.keys(spec).filter(key => !known.includes(key)).forEach(key => fail(where, `unknown field spec.${key}`));
  if (!Number.isInteger(spec.replicas) || spec.replicas < 1) fail(where, "spec.replicas must be a positive integer");
  if (spec.service && !["Cache", "DataGrid"].includes(spec.service.type)) fail(where, "spec.service.type must be Cache or DataGrid");
  if (spec.security && spec.security.endpointSecretName !== undefined && !isString(spec.security.endpointSecretName)) {
    fail(where, "spec.security.endpointSecretName must be a name");
  }
  for (const field of ["cpu", "memory"]) {
    const value = spec.container && spec.container[field];
    if (value !== undefined && !(typeof value === "string" && quantityPair.test(value))) {
      fail(where, `spec.container.${field} must be "limit:request"`);
    }
  }
  if (spec.expose && !["NodePort", "LoadBalancer", "Route"].includes(spec.expose.type)) {
    fail(where, "spec.expose.type must be NodePort, LoadBalancer or Route");
  }
  names.add(object.metadata.name);
}

function validateCache(object, where, clusters) {
  const spec = object.spec || {};
  const known = ["clusterName", "name", "template", "templateName", "updates", "adminAuth"];
  Object.keys(spec).filter(key => !known.includes(key)).forEach(key => fail(where, `unknown field spec.${key}`));
  if (!isString(spec.clusterName)) fail(where, "spec.clusterName is required");
  else if (!clusters.has(spec.clusterName)) fail(where, `spec.clusterName ${spec.clusterName} names no Infinispan in this overlay`);
  if (spec.name !== undefined && !isString(spec.name)) fail(where, "spec.name must be a name");
  if (spec.template !== undefined) {
    try {
      YAML.parse(spec.template);
    } catch (e) {
      fail(where, `spec.template is not YAML: ${e.message}`);
    }
  }
  if (spec.updates && !["recreate", "retain"].includes(spec.updates.strategy)) fail(where, "spec.updates.strategy must be recreate or retain");
}

let count = 0;
for (const file of process.argv.slice(2)) {
  const documents = YAML.parseAllDocuments(fs.readFileSync(file, "utf8")).map(d => d.toJS()).filter(Boolean);
  const clusters = new Set();
  const later = [];
  for (const object of documents) {
    const where = `${path.basename(file)} ${object.kind}/${object.metadata && object.metadata.name}`;
    count++;
    if (!isString(object.apiVersion) || !isString(object.kind) || !object.metadata || !isString(object.metadata.name)) {
      fail(where, "apiVersion, kind and metadata.name are required");
    } else if (object.apiVersion === "infinispan.org/v1" && object.kind === "Infinispan") {
      validateInfinispan(object, where, clusters);
    } else if (object.apiVersion === "infinispan.org/v2alpha1" && object.kind === "Cache") {
      later.push([object, where]);
    } else {
      validateBySchema(object, where);
      if (object.kind === "ConfigMap" && (object.metadata.labels || {}).grafana_dashboard !== undefined) {
        validateDashboards(object, where);
      }
    }
  }
  later.forEach(([object, where]) => validateCache(object, where, clusters));
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`validated ${count} objects`);
