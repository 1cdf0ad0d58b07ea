package io.slotswap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import org.h2.tools.TriggerAdapter;

/**
 * H2's side of {@code swap_state_count} (PostgreSQL has a PL/pgSQL function): after each insert,
 * delete or change of state of an operation, appends -1 for the state it left and +1 for the state
 * it entered, in the same transaction. Named in {@code db/migration/h2/V5__state_count_triggers.sql}.
 */
public class StateCountTrigger extends TriggerAdapter {

	private static final String APPEND = "insert into swap_state_count (state, n) values (?, ?)";

	@Override
	public void fire(Connection connection, ResultSet oldRow, ResultSet newRow) throws SQLException {
		String left = oldRow == null ? null : oldRow.getString("STATE");
		String entered = newRow == null ? null : newRow.getString("STATE");
		if (Objects.equals(left, entered)) {
			return;
		}
		try (PreparedStatement append = connection.prepareStatement(APPEND)) {
			if (left != null) {
				append.setString(1, left);
				append.setLong(2, -1);
				append.executeUpdate();
			}
			if (entered != null) {
				append.setString(1, entered);
				append.setLong(2, 1);
				append.executeUpdate();
			}
		}
	}
}
