package org.lymphwatch.model;

/** Body side of a limb. */
public enum Side {
    LEFT,
    RIGHT;

    public Side opposite() {
        return this == LEFT ? RIGHT : LEFT;
    }
}
