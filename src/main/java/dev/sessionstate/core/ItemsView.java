package dev.sessionstate.core;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;

/** {@link Items#asMap()}: a read-only map that finds keys as the items do and decodes each value when read. */
final class ItemsView extends AbstractMap<String, String> {

    private final Items items;

    ItemsView(Items items) {
        this.items = items;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String s && items.contains(s);
    }

    @Override
    public String get(Object key) {
        return key instanceof String s ? items.get(s) : null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return items.size();
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new AbstractList<Entry<String, String>>() {
                    @Override
                    public Entry<String, String> get(int index) {
                        return items.entryAt(index);
                    }

                    @Override
                    public int size() {
                        return items.size();
                    }
                }.iterator();
            }
        };
    }
}
