import { Link } from 'react-router';

export function NotFound() {
  return (
    <div className="empty">
      <h3>Nothing here</h3>
      <p>
        This page does not exist. <Link to="/">Go to your issues</Link>
      </p>
    </div>
  );
}
