"""Writes lib/connect/proto/spark/connect/*.proto: the subset of the Spark Connect protocol that
Rivulet's remote mode uses. Message names, field names, numbers and types are facts of the wire
protocol, read here from the descriptors of the pinned PySpark (4.2.0); only the messages listed in
KEEP (and their nested types) are written, and fields whose type is left out are dropped, so the
wire format of what we send and read is identical. Run: .venv-spark/bin/python scripts/connect/extract-proto.py
(then `npm run connect:gen` regenerates the TypeScript)."""
import os
from google.protobuf import descriptor as d
from pyspark.sql.connect.proto import base_pb2, relations_pb2, expressions_pb2, commands_pb2, types_pb2, common_pb2

KEEP = {
    'spark/connect/common.proto': ['StorageLevel', 'Origin', 'PythonOrigin', 'JvmOrigin', 'StackTraceElement'],
    'spark/connect/types.proto': ['DataType'],
    'spark/connect/expressions.proto': ['Expression', 'ExpressionCommon', 'CallFunction', 'NamedArgumentExpression'],
    'spark/connect/relations.proto': [
        'Relation', 'Unknown', 'RelationCommon', 'SQL', 'Read', 'Project', 'Filter', 'Join', 'SetOperation', 'Limit', 'Offset',
        'Tail', 'Aggregate', 'Sort', 'Drop', 'Deduplicate', 'LocalRelation', 'Sample', 'Range', 'SubqueryAlias', 'Repartition',
        'ShowString', 'ToDF', 'WithColumnsRenamed', 'WithColumns', 'WithWatermark', 'Hint', 'NAFill', 'NADrop', 'NAReplace',
        'ToSchema', 'RepartitionByExpression', 'StatDescribe', 'StatSummary', 'Unpivot', 'Transpose', 'StatCov', 'StatCorr',
        'StatApproxQuantile', 'StatFreqItems',
    ],
    'spark/connect/commands.proto': [
        'Command', 'SqlCommand', 'CreateDataFrameViewCommand', 'WriteOperation', 'WriteStreamOperationStart',
        'StreamingForeachFunction', 'WriteStreamOperationStartResult', 'StreamingQueryInstanceId', 'StreamingQueryCommand',
        'StreamingQueryCommandResult', 'StreamingQueryManagerCommand', 'StreamingQueryManagerCommandResult',
        'StreamingQueryListenerBusCommand', 'StreamingQueryListenerEventsResult', 'StreamingQueryListenerEvent',
        'StreamingQueryEventType',
    ],
    'spark/connect/base.proto': [
        'Plan', 'UserContext', 'AnalyzePlanRequest', 'AnalyzePlanResponse', 'ExecutePlanRequest', 'ExecutePlanResponse',
        'KeyValue', 'ConfigRequest', 'ConfigResponse', 'InterruptRequest', 'InterruptResponse', 'ReleaseSessionRequest',
        'ReleaseSessionResponse', 'FetchErrorDetailsRequest', 'FetchErrorDetailsResponse', 'ReattachOptions',
        'ReattachExecuteRequest', 'ReleaseExecuteRequest', 'ReleaseExecuteResponse',
    ],
}
# Nested types left out (they pull in much of the protocol we do not use).
DROP_NESTED = {
    'spark.connect.ExecutePlanResponse.ObservedMetrics', 'spark.connect.ExecutePlanResponse.ExecutionProgress',
}
# Services: only these RPCs.
RPCS = ['ExecutePlan', 'AnalyzePlan', 'Config', 'Interrupt', 'ReattachExecute', 'ReleaseExecute', 'ReleaseSession', 'FetchErrorDetails']
MODULES = [common_pb2, types_pb2, expressions_pb2, relations_pb2, commands_pb2, base_pb2]

kept = set()
for f, names in KEEP.items():
    for n in names:
        kept.add('spark.connect.' + n)

def is_kept(full):
    if full in DROP_NESTED:
        return False
    if full.startswith('google.protobuf.'):
        return True
    parts = full.split('.')
    for i in range(3, len(parts) + 1):
        if '.'.join(parts[:i]) in kept:
            return all('.'.join(parts[:j]) not in DROP_NESTED for j in range(i, len(parts) + 1))
    return False

SCALAR = {
    d.FieldDescriptor.TYPE_DOUBLE: 'double', d.FieldDescriptor.TYPE_FLOAT: 'float', d.FieldDescriptor.TYPE_INT64: 'int64',
    d.FieldDescriptor.TYPE_UINT64: 'uint64', d.FieldDescriptor.TYPE_INT32: 'int32', d.FieldDescriptor.TYPE_FIXED64: 'fixed64',
    d.FieldDescriptor.TYPE_FIXED32: 'fixed32', d.FieldDescriptor.TYPE_BOOL: 'bool', d.FieldDescriptor.TYPE_STRING: 'string',
    d.FieldDescriptor.TYPE_BYTES: 'bytes', d.FieldDescriptor.TYPE_UINT32: 'uint32', d.FieldDescriptor.TYPE_SFIXED32: 'sfixed32',
    d.FieldDescriptor.TYPE_SFIXED64: 'sfixed64', d.FieldDescriptor.TYPE_SINT32: 'sint32', d.FieldDescriptor.TYPE_SINT64: 'sint64',
}

def type_name(f):
    if f.type in SCALAR:
        return SCALAR[f.type]
    t = f.message_type or f.enum_type
    return '.' + t.full_name

def field_type_kept(f):
    if f.type in SCALAR:
        return True
    t = f.message_type or f.enum_type
    if f.message_type and f.message_type.GetOptions().map_entry:
        return all(field_type_kept(x) for x in f.message_type.fields)
    return is_kept(t.full_name)

def field_decl(f):
    if f.message_type and f.message_type.GetOptions().map_entry:
        k, v = f.message_type.fields_by_name['key'], f.message_type.fields_by_name['value']
        return f'map<{type_name(k)}, {type_name(v)}> {f.name} = {f.number};'
    label = 'repeated ' if f.is_repeated else ''
    if f.containing_oneof is not None and f.containing_oneof.name.startswith('_') and len(f.containing_oneof.fields) == 1:
        label = 'optional '
    return f'{label}{type_name(f)} {f.name} = {f.number};'

def emit_enum(e, ind):
    out = [f'{ind}enum {e.name} {{']
    for v in e.values:
        out.append(f'{ind}  {v.name} = {v.number};')
    out.append(f'{ind}}}')
    return out

def emit_message(m, ind):
    out = [f'{ind}message {m.name} {{']
    for n in m.nested_types:
        if n.GetOptions().map_entry or not is_kept(n.full_name):
            continue
        out += emit_message(n, ind + '  ')
    for e in m.enum_types:
        out += emit_enum(e, ind + '  ')
    done_oneofs = set()
    for f in m.fields:
        if not field_type_kept(f):
            continue
        o = f.containing_oneof
        if o is not None and not (o.name.startswith('_') and len(o.fields) == 1):
            if o.name in done_oneofs:
                continue
            done_oneofs.add(o.name)
            members = [x for x in o.fields if field_type_kept(x)]
            out.append(f'{ind}  oneof {o.name} {{')
            for x in members:
                out.append(f'{ind}    {field_decl(x)}')
            out.append(f'{ind}  }}')
        else:
            out.append(f'{ind}  {field_decl(f)}')
    out.append(f'{ind}}}')
    return out

root = os.path.join(os.path.dirname(__file__), '..', '..', 'lib', 'connect', 'proto')
for mod in MODULES:
    fd = mod.DESCRIPTOR
    lines = [
        '// Generated by scripts/connect/extract-proto.py from the pinned PySpark\'s protocol descriptors:',
        '// the subset of Spark Connect that Rivulet uses (names and field numbers as on the wire).',
        'syntax = "proto3";', '', 'package spark.connect;', '',
    ]
    body = []
    for e in fd.enum_types_by_name.values():
        if is_kept(e.full_name):
            body += emit_enum(e, '') + ['']
    for m in fd.message_types_by_name.values():
        if is_kept(m.full_name):
            body += emit_message(m, '') + ['']
    if fd.name == 'spark/connect/base.proto':
        svc = fd.services_by_name['SparkConnectService']
        body.append('service SparkConnectService {')
        for meth in svc.methods:
            if meth.name not in RPCS:
                continue
            s = 'stream ' if meth.server_streaming else ''
            body.append(f'  rpc {meth.name}(.{meth.input_type.full_name}) returns ({s}.{meth.output_type.full_name}) {{}}')
        body.append('}')
    text = '\n'.join(body)
    imports = ['google/protobuf/any.proto'] if '.google.protobuf.Any ' in text else []
    for dep in fd.dependencies:
        if dep.name in KEEP:
            imports.append(dep.name)
    lines += [f'import "{i}";' for i in imports] + ([''] if imports else []) + body
    path = os.path.join(root, fd.name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as fh:
        fh.write('\n'.join(lines).rstrip() + '\n')
    print('wrote', os.path.relpath(path))
