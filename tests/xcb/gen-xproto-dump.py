#!/usr/bin/python3
"""Writes C decoders for every core reply and event from xcb-proto's
xproto.xml, so the differential suite prints each field by its protocol name
and normalises it by its protocol type (an XID, an atom, a time stamp).

usage: gen-xproto-dump.py /usr/share/xcb/xproto.xml > xproto_dump.h
The output is included once by tests/xcb/difftest.c, which defines dt_field(),
dt_list() and the DT_* kinds it uses."""
import re
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()

SCALARS = {
    'CARD8': (1, 'DT_U'), 'BYTE': (1, 'DT_U'), 'BOOL': (1, 'DT_U'),
    'INT8': (1, 'DT_S'), 'KEYCODE': (1, 'DT_U'), 'BUTTON': (1, 'DT_U'),
    'char': (1, 'DT_CHAR'), 'void': (1, 'DT_BYTES'),
    'CARD16': (2, 'DT_U'), 'INT16': (2, 'DT_S'),
    'CARD32': (4, 'DT_U'), 'INT32': (4, 'DT_S'), 'BOOL32': (4, 'DT_U'),
    'KEYCODE32': (4, 'DT_U'), 'KEYSYM': (4, 'DT_HEX'),
    'TIMESTAMP': (4, 'DT_TIME'), 'VISUALID': (4, 'DT_VIS'),
    'ATOM': (4, 'DT_ATOM'),
}
for xid in ('WINDOW', 'PIXMAP', 'CURSOR', 'FONT', 'GCONTEXT', 'COLORMAP',
            'DRAWABLE', 'FONTABLE'):
    SCALARS[xid] = (4, 'DT_XID')
# Opaque unions: printed as bytes.
UNIONS = {u.get('name'): u for u in root.findall('union')}
STRUCTS = {s.get('name'): s for s in root.findall('struct')}


def cname(name):
    # xcbgen's rule: GetGeometry -> get_geometry
    parts = re.findall('([A-Z0-9][a-z]+|[A-Z0-9]+(?![a-z])|[a-z]+)', name)
    return '_'.join(p.lower() for p in parts)


def expr(e, offsets):
    if e.tag == 'fieldref':
        off, size = offsets[e.text.strip()]
        return 'dt_rd(p + %d, %d, end)' % (off, size)
    if e.tag == 'value':
        return '(uint64_t)%s' % e.text.strip()
    if e.tag == 'op':
        a, b = list(e)
        op = e.get('op')
        if op == '/':
            return '(%s / (%s ? %s : 1))' % (expr(a, offsets),
                                              expr(b, offsets),
                                              expr(b, offsets))
        return '(%s %s %s)' % (expr(a, offsets), op, expr(b, offsets))
    raise ValueError(e.tag)


def body(items, out, start, first_byte=None):
    """Emits code for fields, pads and lists. Fixed items get static
    offsets (kept in `offsets` for length expressions); after the first
    list, a running pointer q takes over."""
    offsets = {'length': (4, 4)}
    off = start
    dynamic = False
    items = [i for i in items if i.tag in ('field', 'pad', 'list')]
    if first_byte is not None and items:
        i = items[0]
        size = None
        if i.tag == 'pad' and i.get('bytes'):
            size = int(i.get('bytes'))
        elif i.tag == 'field' and i.get('type') in SCALARS:
            size = SCALARS[i.get('type')][0]
        if size == 1:
            if i.tag == 'field':
                k = SCALARS[i.get('type')][1]
                out.append('\tdt_field(o, "%s", %s, p + %d, 1, end);' %
                           (i.get('name'), k, first_byte))
                offsets[i.get('name')] = (first_byte, 1)
            items = items[1:]
    out.append('\tconst uint8_t *q = p + %d;' % off)
    for i in items:
        if i.tag == 'pad':
            if i.get('align'):
                a = int(i.get('align'))
                out.append('\tq = p + (((size_t)(q - p) + %d) & ~(size_t)%d);'
                           % (a - 1, a - 1))
            else:
                out.append('\tq += %s;' % i.get('bytes'))
                off += int(i.get('bytes'))
            continue
        t = i.get('type')
        name = i.get('name')
        if i.tag == 'field':
            if t in SCALARS:
                size, k = SCALARS[t]
                out.append('\tdt_field(o, "%s", %s, q, %d, end);' %
                           (name, k, size))
                if not dynamic:
                    offsets[name] = (off, size)
                out.append('\tq += %d;' % size)
                off += size
            elif t in UNIONS:
                size = union_size(UNIONS[t])
                out.append('\tdt_list(o, "%s", DT_BYTES, 1, q, %d, end);' %
                           (name, size))
                out.append('\tq += %d;' % size)
                off += size
            elif t in STRUCTS:
                out.append('\tq = dump_struct_%s(o, "%s", q, end);' %
                           (t, name))
                off += struct_size(STRUCTS[t]) or 0
            else:
                raise ValueError(t)
            continue
        # a list
        sub = list(i)
        n = expr(sub[0], offsets) if sub else '0'
        if t in SCALARS:
            size, k = SCALARS[t]
            out.append('\tq = dt_list(o, "%s", %s, %d, q, %s, end);' %
                       (name, k, size, n))
        else:
            out.append('\tfor (uint64_t i = 0, n = %s; i < n && q < end; '
                       'i++) {' % n)
            out.append('\t\tq = dump_struct_%s(o, "%s", q, end);' %
                       (t, name))
            out.append('\t}')
        dynamic = True
    out.append('\treturn q;')


def union_size(u):
    return max(SCALARS[l.get('type')][0] * int(l.find('value').text)
               for l in u.findall('list'))


def struct_size(s):
    size = 0
    for i in s:
        if i.tag == 'pad' and i.get('bytes'):
            size += int(i.get('bytes'))
        elif i.tag == 'field' and i.get('type') in SCALARS:
            size += SCALARS[i.get('type')][0]
        elif i.tag == 'field' and i.get('type') in STRUCTS:
            size += struct_size(STRUCTS[i.get('type')])
        elif i.tag in ('field', 'pad', 'list'):
            return None
    return size


out = ['/* Generated by tests/xcb/gen-xproto-dump.py from xproto.xml. */']
used_structs = ['CHARINFO', 'FONTPROP', 'STR', 'TIMECOORD', 'RGB', 'HOST']
for s in used_structs:
    out.append('static const uint8_t *dump_struct_%s(struct dt_buf *o, '
               'const char *name, const uint8_t *p, const uint8_t *end);' % s)
for s in used_structs:
    out.append('static const uint8_t *\ndump_struct_%s(struct dt_buf *o, '
               'const char *name, const uint8_t *p, const uint8_t *end)\n{'
               % s)
    out.append('\tdt_open(o, name);')
    lines = []
    body(list(STRUCTS[s]), lines, 0)
    lines.insert(-1, '\tdt_close(o);')
    out += lines
    out.append('}')

names = {}
replies = {}
for r in root.findall('request'):
    op = int(r.get('opcode'))
    names[op] = r.get('name')
    rep = r.find('reply')
    if rep is None:
        continue
    replies[op] = r.get('name')
    out.append('static const uint8_t *\ndump_reply_%s(struct dt_buf *o, '
               'const uint8_t *p, const uint8_t *end)\n{' % r.get('name'))
    body(list(rep), out, 8, first_byte=1)
    out.append('}')

events = {}
ev_elems = {e.get('name'): e for e in root.findall('event')}
for e in root.findall('event') + root.findall('eventcopy'):
    num = int(e.get('number'))
    src = ev_elems[e.get('ref')] if e.tag == 'eventcopy' else e
    events[num] = e.get('name')
    out.append('static const uint8_t *\ndump_event_%s(struct dt_buf *o, '
               'const uint8_t *p, const uint8_t *end)\n{' % e.get('name'))
    if src.get('no-sequence-number') == 'true':
        body(list(src), out, 1)
    else:
        body(list(src), out, 4, first_byte=1)
    out.append('}')

out.append('typedef const uint8_t *(*dt_dump_fn)(struct dt_buf *o, '
           'const uint8_t *p, const uint8_t *end);')
out.append('static const struct dt_request_info {\n\tconst char *name;\n'
           '\tconst char *xcb;\n\tdt_dump_fn reply;\n} dt_request_table[128] = {')
for op in sorted(names):
    out.append('\t[%d] = { "%s", "xcb_%s", %s },' %
               (op, names[op], cname(names[op]),
                'dump_reply_' + names[op] if op in replies else 'NULL'))
out.append('};')
out.append('static const struct dt_event_info {\n\tconst char *name;\n'
           '\tdt_dump_fn dump;\n} dt_event_table[64] = {')
for num in sorted(events):
    out.append('\t[%d] = { "%s", dump_event_%s },' %
               (num, events[num], events[num]))
out.append('};')
print('\n'.join(out))
