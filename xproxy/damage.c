#include "xproxy/damage.h"

#include "xproxy/server.h"
#include "xproxy/window.h"

void
xp_damage_add(struct xp_toplevel *top, const pixman_region32_t *region)
{
	pixman_region32_union(&top->damage, &top->damage,
			(pixman_region32_t *)region);
}

void
xp_damage_add_box(struct xp_toplevel *top, int x1, int y1, int x2, int y2)
{
	if (x1 < x2 && y1 < y2) {
		pixman_region32_union_rect(&top->damage, &top->damage, x1, y1,
				(unsigned)(x2 - x1), (unsigned)(y2 - y1));
	}
}

void
xp_damage_toplevel_gone(struct xp_server *s, struct xp_toplevel *top)
{
	if (top->shown && s->output && s->output->toplevel_unmap) {
		s->output->toplevel_unmap(s->output_data, top);
	}
	top->shown = false;
}

void
xp_damage_flush(struct xp_server *s)
{
	const struct xp_output_impl *out = s->output;
	struct xp_toplevel *top;

	xp_list_for_each(top, &s->toplevels, link)
	{
		bool viewable = top->window->viewable;

		if (top->shown && !viewable) {
			top->shown = false;
			if (out && out->toplevel_unmap) {
				out->toplevel_unmap(s->output_data, top);
			}
		} else if (!top->shown && viewable) {
			top->shown = true;
			top->configured = false;
			if (out && out->toplevel_map) {
				out->toplevel_map(s->output_data, top);
			}
		} else if (top->shown && top->configured) {
			top->configured = false;
			if (out && out->toplevel_configure) {
				out->toplevel_configure(s->output_data, top);
			}
		}
		if (!top->shown) {
			pixman_region32_clear(&top->damage);
			continue;
		}
		pixman_region32_intersect_rect(&top->damage, &top->damage, 0, 0,
				(unsigned)pixman_image_get_width(top->image),
				(unsigned)pixman_image_get_height(top->image));
		if (pixman_region32_not_empty(&top->damage)) {
			if (out && out->damage) {
				out->damage(s->output_data, top, &top->damage);
			}
			pixman_region32_clear(&top->damage);
		}
	}
}
